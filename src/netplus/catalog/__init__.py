"""The catalog: published learning components, filtered, searched, sorted and paged, with each one's
state for the signed-in user (progress, prerequisites met or not)."""
