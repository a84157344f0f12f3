"""Working alongside La Coop de la médiation numérique, the national service where every
conseiller records each activity on the day.

La Coop imports beneficiaries from one Excel template only (``export``), never activities: the
planner therefore lists what is still to type there (``entry``), in La Coop's order and wording.
What La Coop exports (activities, beneficiaries) is read back into the planner's history
(``importer``) so that the library keeps its own record. Rooms, a short list kept in the
settings, are in ``rooms``.
"""
