"""The Interviews screen: real interviews, logged as test runs."""
