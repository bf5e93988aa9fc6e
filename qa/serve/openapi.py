"""The OpenAPI 3.1 description served at `/openapi.json`, written out by hand: one place
that says what each endpoint takes and gives."""

from __future__ import annotations

from typing import Any

from ..vocab import DEFAULT_K, MAX_K, MODES

_DATE = {"type": ["string", "null"], "format": "date", "example": "2023-07-21"}
_CITATION = {
    "type": "object",
    "properties": {
        "title": {"type": "string"}, "source": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "format": "date"}, "path": {"type": "string"},
        "paragraph": {"type": "integer"}, "start": {"type": "integer"},
        "end": {"type": "integer"}, "article_id": {"type": "string"},
    },
}
_ASK = {
    "type": "object",
    "required": ["question"],
    "additionalProperties": False,
    "properties": {
        "question": {"type": "string", "example": "Who is Canada's foreign affairs minister?"},
        "k": {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": DEFAULT_K},
        "mode": {"enum": list(MODES), "default": "hybrid"},
        "since": _DATE, "until": _DATE, "as_of": _DATE,
        "source": {"type": ["string", "null"], "description": "part of the source's name"},
        "path": {"type": ["string", "null"], "description": 'glob, e.g. "business/*"'},
        "diversity": {"type": "number", "minimum": 0, "maximum": 1, "default": 0},
    },
}
_ANSWER = {
    "type": "object",
    "description": "Exactly what `qa -q QUESTION --json` prints.",
    "properties": {
        "question": {"type": "string"},
        "answer": {"type": ["object", "null"], "description": "null: not found",
                   "properties": {"text": {"type": "string"}, "rank": {"type": "integer"},
                                  "support": {"type": "array", "items": _CITATION},
                                  "conflicts": {"type": "array"}}},
        "passages": {"type": "array", "items": {
            "type": "object",
            "properties": {"rank": {"type": "integer"}, "score": {"type": "number"},
                           "text": {"type": "string"},
                           "highlight": {"type": "object",
                                         "properties": {"start": {"type": "integer"},
                                                        "end": {"type": "integer"}}},
                           "citation": _CITATION}}},
        "confidence": {"type": "number"}, "mode": {"type": "string"},
        "interpreted_as": {"type": ["string", "null"]}, "dates": {"type": ["string", "null"]},
        "notes": {"type": "array", "items": {"type": "string"}},
    },
}
_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}}


def _errors(*codes: int) -> dict[str, Any]:
    said = {400: "bad field (the CLI's message)", 401: "missing or wrong bearer token",
            404: "no such article", 413: "body over 64 KB", 415: "not application/json",
            421: "a Host other than 127.0.0.1 or localhost on a loopback server",
            503: "too many questions waiting, or the index cannot be read"}
    return {str(c): {"description": said[c],
                     "content": {"application/json": {"schema": _ERROR}}} for c in codes}


def _json(s: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": s}}}


def schema(version: str) -> dict[str, Any]:
    """The whole OpenAPI document."""
    chat_body = {**_ASK, "properties": {
        "session": {"type": "string", "description": "from the previous reply; leave out to "
                                                    "start a conversation"},
        **_ASK["properties"]}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "qa", "version": version,
                 "description": "Offline question answering over a folder of articles, with "
                                "cited passages. MCP clients connect to /mcp (streamable "
                                "HTTP, the same token)."},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {
            "/ask": {"post": {
                "summary": "Answer one question",
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": _ASK}}},
                "responses": {"200": _json(_ANSWER),
                              **_errors(400, 401, 413, 415, 421, 503)}}},
            "/chat": {"post": {
                "summary": "Answer a question in a conversation: follow-ups are rewritten "
                           "from the session's previous turn",
                "requestBody": {"required": True,
                                "content": {"application/json": {"schema": chat_body}}},
                "responses": {"200": _json({**_ANSWER, "properties": {
                    **_ANSWER["properties"], "session": {"type": "string"}}}),
                    **_errors(400, 401, 413, 415, 503)}}},
            "/articles/{article_id}": {"get": {
                "summary": "The clean article a citation points to",
                "parameters": [{"name": "article_id", "in": "path", "required": True,
                                "schema": {"type": "string"},
                                "description": "a citation's article_id, percent-encoded"}],
                "responses": {"200": _json({"type": "object", "properties": {
                    "article_id": {"type": "string"}, "title": {"type": "string"},
                    "source": {"type": ["string", "null"]},
                    "date": {"type": ["string", "null"]}, "path": {"type": "string"},
                    "body": {"type": "string"}}}), **_errors(401, 404)}}},
            "/health": {"get": {
                "summary": "Counts, build time, whether the index is stale",
                "responses": {"200": _json({"type": "object", "properties": {
                    "status": {"type": "string"}, "articles": {"type": "integer"},
                    "passages": {"type": "integer"}, "built_at": {"type": ["string", "null"]},
                    "stale": {"type": "boolean"},
                    "stale_reason": {"type": ["string", "null"]}}}), **_errors(401)}}},
        },
    }
