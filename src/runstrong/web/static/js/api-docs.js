/* runstrong: the interactive API docs at /docs (vendored Swagger UI, see vendor/swagger-ui/SOURCE.txt).
   "Try it out" calls go out with the page's session cookie and its CSRF token, as the app's own scripts do. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    domNode: root,
    deepLinking: true,
    layout: "BaseLayout",
    validatorUrl: null,
    requestInterceptor: function (req) {
      req.credentials = "same-origin";
      var method = (req.method || "GET").toUpperCase();
      if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
        req.headers["X-CSRF-Token"] = csrf;
      }
      return req;
    }
  });
})();
