"""``smartplan diff``: git access (:mod:`.git`) and the comparison (:mod:`.compare`)."""
