"""Event coding: from parsed sentences to CAMEO events (dictionary, codebook, coder)."""
