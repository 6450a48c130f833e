"""The coder's knowledge as data: every table, word list and convention, loaded from the
package and from a user's rules folder."""
