// Draws every chart on the page: an element with data-spec="ID" gets the Vega-Lite spec
// held in <script type="application/json" id="ID">. Loaded after vega-bundle.js (which
// sets window.vegaEmbed). No inline script and no eval: with `ast: true` vega-embed runs
// its bundled expression interpreter instead of generating code, so the page works under
// script-src 'self' (no 'unsafe-eval').
for (const el of document.querySelectorAll("[data-spec]")) {
  const source = document.getElementById(el.dataset.spec);
  if (!source || !window.vegaEmbed) continue;
  const spec = JSON.parse(source.textContent);
  window
    .vegaEmbed(el, spec, {
      actions: false,
      renderer: "svg",
      defaultStyle: false,
      // The tooltip's <style> element would be blocked by the CSP: its rules are in
      // analysis.css instead.
      tooltip: { disableDefaultStyle: true },
      ast: true,
    })
    .then(() => el.classList.add("chart-drawn"))
    .catch((error) => {
      // The page's language: the sentence comes translated in a <meta> of the page.
      const message = document.querySelector('meta[name="napmon-chart-error"]');
      el.textContent = message
        ? message.content
        : "The chart could not be drawn; the table below has the same figures.";
      console.error(error);
    });
}
