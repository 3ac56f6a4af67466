"""The demo data set: five accounts, a small catalog, questions, assessments and achievements."""
