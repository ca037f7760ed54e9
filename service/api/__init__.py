"""The JSON API under /v1: one module per resource, each exposing `router`."""
