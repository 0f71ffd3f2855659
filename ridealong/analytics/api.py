"""The analytics part of the REST API (mounted by ridealong.api.api)."""

from ninja import Router

router = Router()
