"""What the local AWS does not emulate (docs/local-aws-differences.md row 13) answers with a Spanish AWS error.

Data Lifecycle Manager (``dlm``) and the Recycle Bin operations ``rbin_rules`` does not serve
(rule locks, tagging) are real-AWS only here: a call gets HTTP 400 ``UnsupportedOperation`` whose
message (Spanish, from ``labkit.messages.ONLY_ON_REAL_AWS``) says so, in the service's own error
format, so the AWS CLI and boto3 show it as they would show any AWS error. The EC2 snapshot
features of row 13 (archive tier, Recycle Bin, fast snapshot restore, snapshot lock, block public
access) are emulated by their own fixes.

A WSGI middleware around the moto server (``server.start`` wraps the app with :func:`wsgi`).
Used by 08_que_sigue (and any lesson that mentions these features).
"""

import io
import json
import re
import uuid
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

CODE = "UnsupportedOperation"
SERVICES = {"dlm": "dlm", "rbin": "rbin"}
EC2_ACTIONS = {}  # every EC2 snapshot feature of row 13 is emulated now (archive, recycle_bin, …)
_SCOPE = re.compile(r"Credential=[^/,]+/[^/,]+/[^/,]+/([^/,]+)/")


def message(feature):
    from ... import messages

    return messages.ONLY_ON_REAL_AWS.format(feature=messages.REAL_AWS_ONLY_FEATURES[feature])


def _service(environ):
    match = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    return match.group(1) if match else None


def _ec2_action(environ):
    """The EC2 Action of a query-protocol request (the body is put back for moto)."""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in query:
        return query["Action"][0]
    if environ.get("REQUEST_METHOD") != "POST":
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return parse_qs(body.decode("utf-8", "replace")).get("Action", [None])[0]


def feature_of(environ):
    """Which real-AWS-only feature a request asks for (None for everything else)."""
    service = _service(environ)
    if service in SERVICES:
        return SERVICES[service], "json"
    if service == "ec2":
        feature = EC2_ACTIONS.get(_ec2_action(environ))
        if feature:
            return feature, "query"
    return None, None


def _answer(start_response, feature, protocol):
    text = message(feature)
    request_id = str(uuid.uuid4())
    if protocol == "query":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>{CODE}</Code>'
                f"<Message>{escape(text)}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>")
        headers = [("Content-Type", "text/xml; charset=utf-8")]
    else:
        body = json.dumps({"__type": CODE, "message": text, "Message": text}, ensure_ascii=False)
        headers = [("Content-Type", "application/json; charset=utf-8"), ("x-amzn-ErrorType", CODE)]
    data = body.encode("utf-8")
    headers += [("Content-Length", str(len(data))), ("x-amzn-RequestId", request_id)]
    start_response("400 Bad Request", headers)
    return [data]


def wsgi(app):
    """Wrap the moto WSGI ``app`` so real-AWS-only features answer the Spanish error."""

    def middleware(environ, start_response):
        feature, protocol = feature_of(environ)
        if feature is not None:
            return _answer(start_response, feature, protocol)
        return app(environ, start_response)

    return middleware
