"""The Banks screen: browse, search, import, write and share question banks (issue 7)."""
