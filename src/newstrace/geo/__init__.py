"""Places: names, the gazetteer, toponym resolution."""
