"""Documents of personal data: the access copy, the information notice, the register entry."""
