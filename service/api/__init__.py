"""The JSON API under /v1: one module per resource, each exposing `router`."""

PREFIX = "/v1"   # the API's version path: the routers, the links they return and the HTML error pages outside it
