// GET /api/v1/openapi.json: the JSON API described in OpenAPI 3.1, kept beside the code it
// describes. tests/integration/test_openapi.py checks that every documented operation is
// routed and that real answers carry the documented fields.
#include "api/api.h"

namespace nz::api {
namespace {

constexpr std::string_view kOpenApi = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "newszone API",
    "version": "1",
    "description": "Partners push articles into their zones with a bearer token and read back, with the same token, their zones, articles (every status and version), delivery log and sources. Editors and admins, with a token of their own, moderate (the queue, approve, reject, withdraw, restore), correct articles and change sections, zones, partners and sources: the same operations, checks and audit log as the admin's pages, acting as their user. Anyone may search the published articles. Errors are JSON: {\"error\": {\"status\": N, \"message\": \"...\", \"field\": \"...\"}}; a partner's token on an editors' operation is 403."
  },
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {
      "partnerToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A partner's API token (nzp_ and 43 characters), made in the partner portal (/partner/) or with `newszone token create --partner`. It works for every zone of its partner."
      },
      "userToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "An editor's or admin's own API token (nzp_ and 43 characters), made at /admin/tokens or with `newszone token create --user EMAIL`. It acts as that user, with that user's role, while the user is enabled; on the read operations it sees every zone, section, article, delivery and source."
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {
              "status": {"type": "integer"},
              "message": {"type": "string", "description": "What went wrong and what to do next."},
              "field": {"type": "string", "description": "The request body's field that is wrong, when one is."}
            }
          }
        }
      },
      "PushItem": {
        "type": "object",
        "required": ["index", "status"],
        "properties": {
          "index": {"type": "integer", "description": "Position of the item in the document, from 0."},
          "status": {"type": "string", "enum": ["created", "updated", "unchanged", "duplicate", "failed"]},
          "guid": {"type": "string"},
          "id": {"type": "integer", "description": "The article's id on the site."},
          "version": {"type": "integer"},
          "article_status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "url": {"type": "string", "description": "The article's page."},
          "duplicate_of": {"type": "integer"},
          "error": {"type": "string", "description": "Why a failed item was not stored."}
        }
      },
      "PushReport": {
        "type": "object",
        "required": ["delivery", "format", "created", "updated", "unchanged", "duplicates", "failed", "items"],
        "properties": {
          "delivery": {"type": "integer", "description": "The delivery's id in the partner's delivery log."},
          "format": {"type": "string", "description": "The format read: ninjs, rss, atom, json-feed, ..."},
          "created": {"type": "integer"},
          "updated": {"type": "integer", "description": "Items that became a new version of an article."},
          "unchanged": {"type": "integer"},
          "duplicates": {"type": "integer"},
          "failed": {"type": "integer"},
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/PushItem"}},
          "warnings": {"type": "array", "items": {"type": "string"}},
          "error": {"$ref": "#/components/schemas/Error/properties/error"}
        }
      },
      "SearchResult": {
        "type": "object",
        "required": ["id", "url", "headline", "standfirst", "published", "section", "snippet_html", "partner"],
        "properties": {
          "id": {"type": "integer"},
          "url": {"type": "string"},
          "headline": {"type": "string"},
          "standfirst": {"type": "string"},
          "published": {"type": "string", "format": "date-time"},
          "section": {
            "type": "object",
            "required": ["slug", "title"],
            "properties": {"slug": {"type": "string"}, "title": {"type": "string"}}
          },
          "snippet_html": {"type": "string", "description": "Escaped text with the matched words in <mark>."},
          "partner": {
            "description": "The partner who supplied a partner zone's article; null for the site's own.",
            "oneOf": [
              {"type": "null"},
              {"type": "object", "required": ["name", "url"],
               "properties": {"name": {"type": "string"}, "url": {"type": "string"}}}
            ]
          }
        }
      },
      "SearchResponse": {
        "type": "object",
        "required": ["query", "page", "per_page", "total_estimate", "suggestion", "notices", "results"],
        "properties": {
          "query": {"type": "string"},
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total_estimate": {"type": "integer"},
          "suggestion": {"type": ["string", "null"], "description": "Did you mean ...?"},
          "notices": {"type": "array", "items": {"type": "string"}},
          "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}}
        }
      },
      "Zone": {
        "type": "object",
        "required": ["id", "slug", "title", "description", "url", "moderation", "noindex", "contract_start", "contract_end"],
        "properties": {
          "id": {"type": "integer"},
          "slug": {"type": "string", "description": "Names the zone in ?zone= and in the push path."},
          "title": {"type": "string"},
          "description": {"type": "string"},
          "url": {"type": "string", "description": "The zone's page on the site."},
          "moderation": {"type": "string", "enum": ["auto-publish", "hold-for-review"]},
          "noindex": {"type": "boolean"},
          "contract_start": {"type": ["string", "null"], "format": "date"},
          "contract_end": {"type": ["string", "null"], "format": "date"}
        }
      },
      "ZoneList": {
        "type": "object",
        "required": ["zones"],
        "properties": {"zones": {"type": "array", "items": {"$ref": "#/components/schemas/Zone"}}}
      },
      "ArticleSummary": {
        "type": "object",
        "required": ["id", "zone", "guid", "headline", "status", "version", "url", "published", "updated", "ingested", "embargo_until", "duplicate_of", "withdrawn_at"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string", "description": "The zone's slug (for an editor's token, the section's, which may be the site's own)."},
          "guid": {"type": "string", "description": "The item's identity as delivered."},
          "headline": {"type": "string"},
          "status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "version": {"type": "integer", "description": "The current version, from 1."},
          "url": {"type": "string", "description": "The article's page (readers see it only while published)."},
          "published": {"type": "string", "format": "date-time"},
          "updated": {"type": "string", "format": "date-time"},
          "ingested": {"type": "string", "format": "date-time", "description": "When the site first received it."},
          "embargo_until": {"type": ["string", "null"], "format": "date-time"},
          "duplicate_of": {"type": ["integer", "null"], "description": "Set when it is a near-duplicate of another article: kept, never listed."},
          "withdrawn_at": {"type": ["string", "null"], "format": "date-time"}
        }
      },
      "ArticleList": {
        "type": "object",
        "required": ["page", "per_page", "total", "articles"],
        "properties": {
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total": {"type": "integer", "description": "Matching articles on all pages."},
          "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}}
        }
      },
      "ArticleVersion": {
        "type": "object",
        "required": ["version", "created", "delivery", "headline", "standfirst"],
        "properties": {
          "version": {"type": "integer"},
          "created": {"type": "string", "format": "date-time"},
          "delivery": {"type": ["integer", "null"], "description": "The delivery it arrived in (GET /api/v1/deliveries); null when made on the site."},
          "headline": {"type": "string"},
          "standfirst": {"type": "string"}
        }
      },
      "Article": {
        "type": "object",
        "required": ["id", "zone", "guid", "headline", "status", "version", "url", "published", "updated", "ingested", "embargo_until", "duplicate_of", "withdrawn_at", "standfirst", "body_html", "author", "language", "original_url", "state", "reason", "tags", "versions"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string"},
          "guid": {"type": "string"},
          "headline": {"type": "string"},
          "status": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]},
          "version": {"type": "integer"},
          "url": {"type": "string"},
          "published": {"type": "string", "format": "date-time"},
          "updated": {"type": "string", "format": "date-time"},
          "ingested": {"type": "string", "format": "date-time"},
          "embargo_until": {"type": ["string", "null"], "format": "date-time"},
          "duplicate_of": {"type": ["integer", "null"]},
          "withdrawn_at": {"type": ["string", "null"], "format": "date-time"},
          "standfirst": {"type": "string"},
          "body_html": {"type": "string", "description": "As stored: sanitized."},
          "author": {"type": "string"},
          "language": {"type": "string"},
          "original_url": {"type": "string"},
          "state": {"type": "string", "enum": ["draft", "pending", "published", "rejected", "withdrawn", "taken down"], "description": "As the admin names it: a rejected article's status is withdrawn; taken down is by its partner."},
          "reason": {"type": ["string", "null"], "description": "The editor's reason for rejecting or withdrawing it."},
          "tags": {"type": "array", "items": {"type": "string"}, "description": "Its topics' names."},
          "versions": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleVersion"}, "description": "Every version, oldest first."}
        }
      },
      "Delivery": {
        "type": "object",
        "required": ["id", "received", "zone", "way", "token_id", "source_id", "origin", "bytes", "sha256", "format", "items", "created", "updated", "unchanged", "duplicates", "failed", "result", "error"],
        "properties": {
          "id": {"type": "integer"},
          "received": {"type": "string", "format": "date-time"},
          "zone": {"type": "string"},
          "way": {"type": "string", "enum": ["push", "poll", "import"]},
          "token_id": {"type": ["integer", "null"], "description": "The token that pushed it."},
          "source_id": {"type": ["integer", "null"], "description": "The source polled."},
          "origin": {"type": "string", "description": "The token's display form, the URL polled, or the file imported."},
          "bytes": {"type": "integer"},
          "sha256": {"type": "string", "description": "Hex SHA-256 of the exact bytes received."},
          "format": {"type": "string", "description": "The format read; empty when nothing could be read."},
          "items": {"type": "integer"},
          "created": {"type": "integer"},
          "updated": {"type": "integer"},
          "unchanged": {"type": "integer"},
          "duplicates": {"type": "integer"},
          "failed": {"type": "integer"},
          "result": {"type": "string", "enum": ["ok", "in progress", "failed"]},
          "error": {"type": ["string", "null"], "description": "What went wrong, when the result is failed."}
        }
      },
      "DeliveryList": {
        "type": "object",
        "required": ["page", "per_page", "total", "deliveries"],
        "properties": {
          "page": {"type": "integer"},
          "per_page": {"type": "integer"},
          "total": {"type": "integer"},
          "deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}}
        }
      },
      "Source": {
        "type": "object",
        "required": ["id", "zone", "url", "enabled", "every_seconds", "status", "last_attempt", "last_success", "last_error", "consecutive_failures", "next_poll", "gone"],
        "properties": {
          "id": {"type": "integer"},
          "zone": {"type": "string"},
          "url": {"type": "string"},
          "enabled": {"type": "boolean"},
          "every_seconds": {"type": "integer"},
          "status": {"type": "string", "enum": ["disabled", "gone", "failing", "quiet", "new", "ok"]},
          "last_attempt": {"type": ["string", "null"], "format": "date-time"},
          "last_success": {"type": ["string", "null"], "format": "date-time"},
          "last_error": {"type": ["string", "null"], "description": "Why the last fetch failed; null when it succeeded."},
          "consecutive_failures": {"type": "integer"},
          "next_poll": {"type": "string", "format": "date-time"},
          "gone": {"type": "boolean", "description": "The feed answered 410 Gone and is no longer polled."}
        }
      },
      "SourceList": {
        "type": "object",
        "required": ["sources"],
        "properties": {"sources": {"type": "array", "items": {"$ref": "#/components/schemas/Source"}}}
      },
      "Reason": {
        "type": "object",
        "required": ["reason"],
        "properties": {"reason": {"type": "string", "maxLength": 500, "description": "Why, in the editor's words: the partner reads it."}},
        "additionalProperties": false
      },
      "ArticlePatch": {
        "type": "object",
        "properties": {
          "headline": {"type": "string", "maxLength": 300, "description": "With standfirst, a new version made by the token's user."},
          "standfirst": {"type": "string", "maxLength": 2000},
          "tags": {"type": "array", "maxItems": 50, "items": {"type": "string", "maxLength": 100}, "description": "The article's topics become exactly these names (new topics are made)."}
        },
        "additionalProperties": false
      },
      "Section": {
        "type": "object",
        "required": ["id", "kind", "slug", "title", "description", "position", "url", "noindex", "partner", "topic", "moderation", "contract_start", "contract_end", "attribution", "disclaimer", "link_rel", "paid_content", "canonical"],
        "properties": {
          "id": {"type": "integer"},
          "kind": {"type": "string", "enum": ["section", "zone"], "description": "The site's own section, or a partner's zone."},
          "slug": {"type": "string"},
          "title": {"type": "string"},
          "description": {"type": "string"},
          "position": {"type": "integer", "description": "Order in the navigation, ascending."},
          "url": {"type": "string"},
          "noindex": {"type": "boolean"},
          "partner": {"type": ["string", "null"], "description": "A zone's partner's slug."},
          "topic": {"type": ["string", "null"], "description": "A zone's topic as KIND:KEY, e.g. country:CN."},
          "moderation": {"type": "string", "enum": ["auto-publish", "hold-for-review"]},
          "contract_start": {"type": ["string", "null"], "format": "date"},
          "contract_end": {"type": ["string", "null"], "format": "date"},
          "attribution": {"type": "string", "description": "The label's attribution, with {{partner}} and {{SITE}}."},
          "disclaimer": {"type": "string"},
          "link_rel": {"type": "string", "description": "Link types added to the partner's links."},
          "paid_content": {"type": "boolean"},
          "canonical": {"type": "string", "enum": ["host", "partner"]}
        }
      },
      "SectionList": {
        "type": "object",
        "required": ["sections"],
        "properties": {"sections": {"type": "array", "items": {"$ref": "#/components/schemas/Section"}}}
      },
      "SectionInput": {
        "type": "object",
        "description": "The admin form's fields. On POST, kind, slug and title are required, and partner for a zone; on PATCH, kind and slug are fixed and every field is optional. Zone settings on a section are refused. null clears a date.",
        "properties": {
          "kind": {"type": "string", "enum": ["section", "zone"]},
          "slug": {"type": "string", "maxLength": 80, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
          "title": {"type": "string", "maxLength": 200},
          "description": {"type": "string", "maxLength": 500},
          "position": {"type": "integer", "minimum": -100000, "maximum": 100000},
          "noindex": {"type": "boolean"},
          "partner": {"type": "string", "description": "The partner's slug or name."},
          "topic": {"type": "string", "maxLength": 200, "description": "KIND:KEY; empty for none."},
          "topic_name": {"type": "string", "maxLength": 200},
          "moderation": {"type": "string", "enum": ["auto-publish", "hold-for-review"]},
          "contract_start": {"type": ["string", "null"], "format": "date"},
          "contract_end": {"type": ["string", "null"], "format": "date"},
          "attribution": {"type": "string", "maxLength": 1000},
          "disclaimer": {"type": "string", "maxLength": 1000},
          "link_rel": {"type": "string", "maxLength": 100},
          "paid_content": {"type": "boolean"},
          "canonical": {"type": "string", "enum": ["host", "partner"]}
        },
        "additionalProperties": false
      },
      "Partner": {
        "type": "object",
        "required": ["id", "slug", "name", "url"],
        "properties": {
          "id": {"type": "integer"},
          "slug": {"type": "string"},
          "name": {"type": "string", "description": "As shown in attributions."},
          "url": {"type": "string", "description": "The partner's home page; may be empty."}
        }
      },
      "PartnerList": {
        "type": "object",
        "required": ["partners"],
        "properties": {"partners": {"type": "array", "items": {"$ref": "#/components/schemas/Partner"}}}
      },
      "PartnerInput": {
        "type": "object",
        "description": "On POST, slug and name are required; on PATCH, only name and url.",
        "properties": {
          "slug": {"type": "string", "maxLength": 80},
          "name": {"type": "string", "maxLength": 200},
          "url": {"type": "string", "maxLength": 2000, "description": "Empty, or an absolute http(s) URL."}
        },
        "additionalProperties": false
      },
      "SourceInput": {
        "type": "object",
        "description": "On POST, zone and url are required; on PATCH, zone is fixed.",
        "properties": {
          "zone": {"type": "string", "description": "The zone's slug."},
          "url": {"type": "string", "maxLength": 2000},
          "every": {"type": "string", "description": "How often to poll: 90s, 10m, 2h, 1d."},
          "identity": {"type": "string", "enum": ["guid", "link", "link-without-query"]},
          "user_agent": {"type": "string", "maxLength": 200},
          "headers": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 1000}, "description": "Extra request headers, \"Name: value\"; they replace the ones there and are never shown again."},
          "enabled": {"type": "boolean", "description": "false pauses polling; true resumes it at once."}
        },
        "additionalProperties": false
      }
    },
    "parameters": {
      "zone": {"name": "zone", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only this zone of yours (its slug); another partner's zone is 404."},
      "page": {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
      "per_page": {"name": "per_page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
    },
    "responses": {
      "Error": {
        "description": "An error, explained.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "Article": {
        "description": "The article as it now stands.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}
      },
      "Forbidden": {
        "description": "A partner's token: this is an editors' operation. Nothing is read or changed.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      },
      "BadBody": {
        "description": "The body is not a JSON object, has a field the operation does not know or of the wrong type, or a value the site refuses; error.field names it.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
      }
    }
  },
  "paths": {
    "/api/v1/zones/{zone}/articles": {
      "post": {
        "operationId": "pushArticles",
        "summary": "Push articles into one of your zones",
        "description": "The body is one ninjs item, an array of them, ninjs as JSON lines, or a whole RSS, RDF, Atom or JSON Feed document. Each item is stored on its own (its identity: guid, else link, else a hash of its content); a changed item becomes a new version, an unchanged one writes nothing. Partner HTML is sanitized.",
        "security": [{"partnerToken": []}],
        "parameters": [
          {"name": "zone", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The zone's slug, e.g. china-news-zone."},
          {"name": "atomic", "in": "query", "required": false, "schema": {"type": "string", "enum": ["1", "true"]}, "description": "Store every item or none."}
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {"schema": {}},
            "application/ninjs+json": {"schema": {}},
            "application/x-ndjson": {"schema": {}},
            "application/jsonl": {"schema": {}},
            "application/feed+json": {"schema": {}},
            "application/rss+xml": {"schema": {}},
            "application/atom+xml": {"schema": {}},
            "application/rdf+xml": {"schema": {}},
            "application/xml": {"schema": {}},
            "text/xml": {"schema": {}}
          }
        },
        "responses": {
          "201": {"description": "At least one article was created.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushReport"}}}},
          "200": {"description": "Stored, but nothing new was created (versions, unchanged, duplicates).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushReport"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "403": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"},
          "415": {"$ref": "#/components/responses/Error"},
          "422": {"description": "Nothing could be stored; the report says why per item.", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/PushReport"}, {"$ref": "#/components/schemas/Error"}]}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/zones": {
      "get": {
        "operationId": "listZones",
        "summary": "Your zones",
        "security": [{"partnerToken": []}, {"userToken": []}],
        "responses": {
          "200": {"description": "The zones of the token's partner (every zone for an editor's token).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ZoneList"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/articles": {
      "get": {
        "operationId": "listArticles",
        "summary": "Your zones' articles, in every status",
        "description": "What you delivered and what became of it: published, pending review, draft or withdrawn. Most recently received first.",
        "security": [{"partnerToken": []}, {"userToken": []}],
        "parameters": [
          {"$ref": "#/components/parameters/zone"},
          {"name": "status", "in": "query", "required": false, "schema": {"type": "string", "enum": ["draft", "pending", "published", "withdrawn"]}},
          {"$ref": "#/components/parameters/page"},
          {"$ref": "#/components/parameters/per_page"}
        ],
        "responses": {
          "200": {"description": "One page of articles.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ArticleList"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/articles/{id}": {
      "get": {
        "operationId": "getArticle",
        "summary": "One of your articles, with every version",
        "security": [{"partnerToken": []}, {"userToken": []}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}
        ],
        "responses": {
          "200": {"description": "The article as it stands, and its versions.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"description": "No such article in your zones (another partner's is not yours either).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      },
      "patch": {
        "operationId": "editArticle",
        "summary": "Correct an article's headline, standfirst or topics",
        "description": "A changed headline or standfirst is a new version made by the token's user; tags sets the topics. All of it or nothing. Readers see it at once.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ArticlePatch"
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Article"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/deliveries": {
      "get": {
        "operationId": "listDeliveries",
        "summary": "Your delivery log",
        "description": "Every document received for your zones, pushed, polled or imported, newest first, with what became of its items.",
        "security": [{"partnerToken": []}, {"userToken": []}],
        "parameters": [
          {"$ref": "#/components/parameters/zone"},
          {"$ref": "#/components/parameters/page"},
          {"$ref": "#/components/parameters/per_page"}
        ],
        "responses": {
          "200": {"description": "One page of the log.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeliveryList"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/sources": {
      "get": {
        "operationId": "listSources",
        "summary": "The feeds the site polls for your zones",
        "description": "Each with its fetch status and last error.",
        "security": [{"partnerToken": []}, {"userToken": []}],
        "parameters": [{"$ref": "#/components/parameters/zone"}],
        "responses": {
          "200": {"description": "The sources.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SourceList"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "503": {"$ref": "#/components/responses/Error"}
        }
      },
      "post": {
        "operationId": "createSource",
        "summary": "Add a feed to poll for a zone",
        "security": [
          {
            "userToken": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SourceInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new source.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Source"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/queue": {
      "get": {
        "operationId": "listQueue",
        "summary": "The moderation queue: pending articles",
        "description": "Articles held for review (zones that hold for review, and the site's own drafts sent for it), most recently received first.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "zone",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "Only this section or zone (its slug)."
          },
          {
            "$ref": "#/components/parameters/page"
          },
          {
            "$ref": "#/components/parameters/per_page"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of the queue.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArticleList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/articles/{id}/approve": {
      "post": {
        "operationId": "approveArticle",
        "summary": "Publish a pending (or rejected) article",
        "description": "Readers see it at once. 409 when it is not pending or rejected.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Article"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/articles/{id}/reject": {
      "post": {
        "operationId": "rejectArticle",
        "summary": "Reject a pending article, with a reason",
        "description": "Readers never see it; its partner sees it as rejected with the reason. 409 when it is not pending.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Reason"
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Article"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/articles/{id}/withdraw": {
      "post": {
        "operationId": "withdrawArticle",
        "summary": "Take a published article off the site, with a reason",
        "description": "Readers get 410 Gone at once; the partner sending it again does not bring it back. 409 when it is not published.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Reason"
              }
            }
          }
        },
        "responses": {
          "200": {
            "$ref": "#/components/responses/Article"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/articles/{id}/restore": {
      "post": {
        "operationId": "restoreArticle",
        "summary": "Put an article an editor withdrew back on the site",
        "description": "409 when it was not withdrawn by an editor.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "$ref": "#/components/responses/Article"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/sections": {
      "get": {
        "operationId": "listSections",
        "summary": "Every section and zone",
        "security": [
          {
            "userToken": []
          }
        ],
        "responses": {
          "200": {
            "description": "Every section and zone, with every setting.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SectionList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "operationId": "createSection",
        "summary": "Make a section or a partner zone",
        "description": "With the admin form's checks; Location names the new one.",
        "security": [
          {
            "userToken": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SectionInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new section or zone.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Section"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/sections/{id}": {
      "get": {
        "operationId": "getSection",
        "summary": "One section or zone",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The section or zone.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Section"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "operationId": "updateSection",
        "summary": "Change a section's or zone's settings",
        "description": "Only the fields sent change; readers' pages follow at once.",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SectionInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The section or zone as it now stands.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Section"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/partners": {
      "get": {
        "operationId": "listPartners",
        "summary": "Every partner",
        "security": [
          {
            "userToken": []
          }
        ],
        "responses": {
          "200": {
            "description": "The partners.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PartnerList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "operationId": "createPartner",
        "summary": "Add a partner",
        "security": [
          {
            "userToken": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PartnerInput"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new partner.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Partner"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/partners/{id}": {
      "patch": {
        "operationId": "updatePartner",
        "summary": "Change a partner's name or home page",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PartnerInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The partner as it now stands.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Partner"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/sources/{id}": {
      "patch": {
        "operationId": "updateSource",
        "summary": "Change a source's settings, pause or resume it",
        "security": [
          {
            "userToken": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SourceInput"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The source as it now stands.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Source"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "400": {
            "$ref": "#/components/responses/BadBody"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/v1/search": {
      "get": {
        "operationId": "search",
        "summary": "Search the published articles",
        "parameters": [
          {"name": "q", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 500}, "description": "Words; \"phrases\", AND, OR, NOT, -word, headline:word, author:name."},
          {"name": "section", "in": "query", "required": false, "schema": {"type": "string"}, "description": "A section's or zone's slug."},
          {"name": "topic", "in": "query", "required": false, "schema": {"type": "string"}, "description": "A topic's slug."},
          {"name": "from", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
          {"name": "to", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}},
          {"name": "page", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1}}
        ],
        "responses": {
          "200": {"description": "One page of results, 10 a page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "503": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document",
        "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {}}}}}
      }
    }
  }
}
)json";

}  // namespace

http::Response openapi_document() {
  auto response = http::Response::json(200, std::string(kOpenApi));
  response.set_header("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace nz::api
