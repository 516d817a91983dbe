"""The OpenAPI document, its reference page, and problem details for unknown API paths.

The reference page is rendered here from the document itself (no script, so the
Content-Security-Policy stays ``script-src 'self'`` and the page works offline).
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, json, request, url_for
from markupsafe import Markup, escape

from workbench.api.blueprint import meta_bp
from workbench.api.problems import method_or_missing

METHODS = ("get", "put", "post", "delete", "patch")
FALLBACK = "api_meta.fallback"


def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of this app's API (built once per app)."""
    api = current_app.extensions["workbench_api"]
    cached: dict[str, Any] | None = getattr(api, "document", None)
    if cached is None:
        cached = api.spec.to_dict()
        api.document = cached
    return cached


@meta_bp.get("/openapi.json")
def openapi_json() -> Response:
    return current_app.response_class(json.dumps(openapi_document(), indent=1),
                                      mimetype="application/json")


def _schema_name(schema: dict[str, Any]) -> str:
    ref = schema.get("$ref") or (schema.get("items") or {}).get("$ref") or ""
    name = ref.rsplit("/", 1)[-1]
    if name and schema.get("type") == "array":
        return f"[{name}]"
    return name or str(schema.get("type") or "")


def _operation_html(path: str, method: str, operation: dict[str, Any]) -> str:
    rows = []
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        rows.append(f"<tr><td><code>{escape(parameter['name'])}</code></td>"
                    f"<td>{escape(parameter['in'])}</td>"
                    f"<td>{escape(_schema_name(schema))}</td>"
                    f"<td>{escape(parameter.get('description', ''))}</td></tr>")
    body = operation.get("requestBody", {}).get("content", {})
    for media, content in body.items():
        rows.append(f"<tr><td>body</td><td>{escape(media)}</td>"
                    f"<td>{escape(_schema_name(content.get('schema', {})))}</td><td></td></tr>")
    answers = ", ".join(f"{escape(code)}" for code in operation.get("responses", {}))
    table = (f"<table><tr><th>name</th><th>in</th><th>schema</th><th></th></tr>"
             f"{''.join(rows)}</table>" if rows else "")
    text = escape(operation.get("description") or operation.get("summary") or "")
    return (f"<section id=\"{escape(operation.get('operationId', ''))}\"><h3>"
            f"<code>{method.upper()} {escape(path)}</code></h3><p>{text}</p>{table}"
            f"<p>Responses: {answers}</p></section>")


def _schemas_html(schemas: dict[str, Any]) -> str:
    parts = []
    for name, schema in schemas.items():
        required = set(schema.get("required", []))
        fields = "".join(
            f"<tr><td><code>{escape(field)}</code>{' *' if field in required else ''}</td>"
            f"<td>{escape(json.dumps(spec.get('type') or spec.get('$ref') or spec))}</td>"
            f"<td>{escape(spec.get('description', ''))}</td></tr>"
            for field, spec in schema.get("properties", {}).items())
        parts.append(f"<section id=\"schema-{escape(name)}\"><h3>{escape(name)}</h3>"
                     f"<table>{fields}</table></section>")
    return "".join(parts)


@meta_bp.get("/docs")
def reference_page() -> Response:
    """The API reference, rendered from ``openapi.json``."""
    document = openapi_document()
    operations = [_operation_html(path, method, item[method])
                  for path, item in document["paths"].items()
                  for method in METHODS if method in item]
    info = document["info"]
    page = Markup(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(info['title'])} {escape(info['version'])}</title>"
        f"<link rel=\"stylesheet\" href=\"{url_for('static', filename='workbench.css')}\"></head>"
        f"<body class=\"api-docs\"><main><h1>{escape(info['title'])}</h1>"
        f"<p>{escape(info.get('description', ''))}</p>"
        "<p><a href=\"openapi.json\">openapi.json</a> (OpenAPI "
        f"{escape(document['openapi'])})</p><h2>Operations</h2>{''.join(operations)}"
        f"<h2>Schemas</h2>{_schemas_html(document['components'].get('schemas', {}))}"
        "</main></body></html>")
    return Response(str(page), mimetype="text/html")


@meta_bp.route("/", defaults={"rest": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@meta_bp.route("/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def fallback(rest: str) -> Response:
    """No API route takes this path (404), or not with this method (405)."""
    raise method_or_missing(current_app, request.path, request.method, FALLBACK)
