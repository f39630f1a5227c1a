"""Recycle Bin retention rules (service ``rbin``; docs/local-aws-differences.md row 13): the minimal API
the Recycle Bin needs, served beside moto (moto 5.2.5 has no ``rbin`` backend).

``CreateRule``, ``GetRule``, ``ListRules``, ``UpdateRule`` and ``DeleteRule`` as the Recycle Bin API
reference documents them (REST-JSON). A rule protects snapshots (``EBS_SNAPSHOT``) or AMIs
(``EC2_IMAGE``) of its region: with ``ResourceTags`` only the tagged ones (tag-level rule), without
them all of them but those with ``ExcludeResourceTags`` (Region-level rule), for a retention period
of 1-365 days. Rules live on the region's EC2 backend (``state.rbin_rules``), so the kit's
persistence keeps them and a reset empties them. Rule locks are not emulated.

A WSGI middleware, like ``unsupported`` (not a patch of moto); the recycle_bin fix uses the rules.
Used by 08_que_sigue.
"""

import json
import random
import re
import string
import uuid

from . import state

DEFAULT_ACCOUNT = "123456789012"
RESOURCE_TYPES = ("EBS_SNAPSHOT", "EC2_IMAGE", "EBS_VOLUME")
MAX_DAYS = 365
_SCOPE = re.compile(r"Credential=[^/,]+/[^/,]+/([^/,]+)/rbin/")
_RULE = re.compile(r"^/rules/([^/]+)$")


class RbinError(Exception):
    def __init__(self, status, code, message, reason=None):
        super().__init__(message)
        self.status, self.code, self.message, self.reason = status, code, message, reason


def _validation(message, reason="INVALID_PARAMETER_VALUE"):
    return RbinError(400, "ValidationException", message, reason)


def _not_found(identifier):
    return RbinError(404, "ResourceNotFoundException", f"Rule {identifier} not found.", "RULE_NOT_FOUND")


def _backend(account, region):
    from moto.ec2.models import ec2_backends

    return ec2_backends[account][region]


def _check_period(period):
    if not isinstance(period, dict) or period.get("RetentionPeriodUnit") != "DAYS":
        raise _validation("RetentionPeriod must have RetentionPeriodUnit DAYS.")
    value = period.get("RetentionPeriodValue")
    if not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
        raise _validation(f"RetentionPeriodValue must be between 1 and {MAX_DAYS}.")


def _check_tags(body):
    if body.get("ResourceTags") and body.get("ExcludeResourceTags"):
        raise _validation("A rule can have ResourceTags or ExcludeResourceTags, not both.")
    for tag in (body.get("ResourceTags") or []) + (body.get("ExcludeResourceTags") or []):
        if not tag.get("ResourceTagKey"):
            raise _validation("ResourceTagKey must not be empty.")


def _summary(rule):
    return {k: rule[k] for k in ("Identifier", "Description", "RetentionPeriod", "LockState", "RuleArn")
            if rule.get(k) is not None}


def _full(rule):
    return {k: v for k, v in rule.items() if v is not None and k != "Tags"}


def create(backend, body):
    resource_type = body.get("ResourceType")
    if resource_type not in RESOURCE_TYPES:
        raise _validation(f"ResourceType must be one of {', '.join(RESOURCE_TYPES)}.")
    _check_period(body.get("RetentionPeriod"))
    _check_tags(body)
    if len(body.get("Description") or "") > 255:
        raise _validation("Description must be at most 255 characters.")
    identifier = "".join(random.choices(string.ascii_letters + string.digits, k=11))
    rule = {
        "Identifier": identifier, "Description": body.get("Description") or "", "ResourceType": resource_type,
        "RetentionPeriod": body["RetentionPeriod"], "ResourceTags": body.get("ResourceTags") or [],
        "ExcludeResourceTags": body.get("ExcludeResourceTags") or [], "Status": "available",
        "LockState": "unlocked", "Tags": body.get("Tags") or [],
        "RuleArn": f"arn:aws:rbin:{backend.region_name}:{backend.account_id}:rule/{identifier}",
    }
    state.rbin_rules(backend)[identifier] = rule
    return 201, dict(_full(rule), Tags=rule["Tags"])


def get(backend, identifier):
    rule = state.rbin_rules(backend).get(identifier)
    if rule is None:
        raise _not_found(identifier)
    return 200, _full(rule)


def update(backend, identifier, body):
    rule = state.rbin_rules(backend).get(identifier)
    if rule is None:
        raise _not_found(identifier)
    if "RetentionPeriod" in body:
        _check_period(body["RetentionPeriod"])
    _check_tags({**rule, **body})
    for key in ("RetentionPeriod", "Description", "ResourceType", "ResourceTags", "ExcludeResourceTags"):
        if key in body:
            rule[key] = body[key]
    return 200, _full(rule)


def delete(backend, identifier):
    if state.rbin_rules(backend).pop(identifier, None) is None:
        raise _not_found(identifier)
    return 204, None


def list_rules(backend, body):
    resource_type = body.get("ResourceType")
    if resource_type not in RESOURCE_TYPES:
        raise _validation(f"ResourceType must be one of {', '.join(RESOURCE_TYPES)}.")
    rules = [r for r in state.rbin_rules(backend).values() if r["ResourceType"] == resource_type]
    if body.get("ResourceTags"):
        rules = [r for r in rules if all(t in r["ResourceTags"] for t in body["ResourceTags"])]
    if body.get("LockState"):
        rules = [r for r in rules if r["LockState"] == body["LockState"]]
    return 200, {"Rules": [_summary(r) for r in rules]}


def handle(method, path, body, backend):
    """(status, JSON-able answer or None) of one rbin request."""
    if path == "/rules" and method == "POST":
        return create(backend, body)
    if path == "/list-rules" and method == "POST":
        return list_rules(backend, body)
    match = _RULE.match(path)
    if match:
        identifier = match.group(1)
        if method == "GET":
            return get(backend, identifier)
        if method == "DELETE":
            return delete(backend, identifier)
        if method == "PATCH":
            return update(backend, identifier, body)
    return None


def _region(environ):
    found = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    return found.group(1) if found else None


def answer(environ, start_response):
    """Serve an rbin request (None when it is an operation this module does not emulate)."""
    from urllib.parse import unquote

    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    import io

    environ["wsgi.input"] = io.BytesIO(raw)
    account = environ.get("HTTP_X_MOTO_ACCOUNT_ID") or DEFAULT_ACCOUNT
    method, path = environ.get("REQUEST_METHOD", "GET"), unquote(environ.get("PATH_INFO", ""))
    try:
        body = json.loads(raw) if raw.strip() else {}
        result = handle(method, path, body, _backend(account, _region(environ)))
    except RbinError as error:
        payload = {"Message": error.message, "message": error.message}
        if error.reason:
            payload["Reason"] = error.reason
        return _send(start_response, error.status, payload, error.code)
    except ValueError:
        return _send(start_response, 400, {"Message": "The request body is not valid JSON."}, "ValidationException")
    if result is None:
        return None
    return _send(start_response, *result)


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 404: "Not Found"}


def _send(start_response, status, payload, error_code=None):
    data = b"" if payload is None else json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
               ("x-amzn-RequestId", str(uuid.uuid4()))]
    if error_code:
        headers.append(("x-amzn-ErrorType", error_code))
    start_response(f"{status} {_REASONS[status]}", headers)
    return [data]


def wsgi(app):
    """Wrap ``app`` so that the rbin operations above are served here (others go on to ``app``)."""

    def middleware(environ, start_response):
        if _region(environ) is not None:
            served = answer(environ, start_response)
            if served is not None:
                return served
        return app(environ, start_response)

    return middleware
