"""Extensions loaded by FactBot.setup_hook."""
