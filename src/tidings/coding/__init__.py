"""Parse-dependent event coding: who the participants of a verb are, which pattern
fits it, the kinds of events (verbs, nouns, statements) and the coding conventions."""
