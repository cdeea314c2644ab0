"""Action follow-up between visits: reading the tracker back (pull) and listing what is due."""
