"""Reporters: pure functions from manifests and findings to text. They never look anything up."""
