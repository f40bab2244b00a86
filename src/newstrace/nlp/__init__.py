"""Language understanding helpers shared by the NLP stages: the model, names, titles."""
