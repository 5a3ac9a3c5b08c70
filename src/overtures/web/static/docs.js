// Starts Swagger UI (loaded from /docs/assets, the package's own copy) on the API's OpenAPI description.
// A file rather than an inline script, so the Content-Security-Policy can forbid inline script.

window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
});
