// Starts Swagger UI on the API docs page (a file, not an inline script: the CSP forbids those).
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
window.ui = SwaggerUIBundle({
  url: settings.url,
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
