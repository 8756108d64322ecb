"""The gathering itself: the agenda and the organisers' announcements."""
