/* Maps: any element with data-map becomes a Leaflet map. Works without tiles (closed networks):
   markers and outlines are drawn on a plain background, and a note says the background is missing. */
(function () {
  "use strict";

  function tileLayer(map) {
    var url = document.body.dataset.tileUrl;
    if (!url) return;
    var layer = L.tileLayer(url, { attribution: document.body.dataset.tileAttribution || "", maxZoom: 18 });
    var failed = 0;
    layer.on("tileerror", function () {
      failed += 1;
      if (failed === 4) {
        var note = document.createElement("div");
        note.className = "map-offline-note";
        note.textContent = "背景地図を読み込めません（印の位置は正しく表示されます）";
        map.getContainer().appendChild(note);
      }
    });
    layer.addTo(map);
  }

  function numberedIcon(n) {
    return L.divIcon({ className: "map-numbered-marker", html: String(n), iconSize: [26, 26], iconAnchor: [13, 13] });
  }

  function init(el) {
    if (el._sasaeaiMap) return el._sasaeaiMap;
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var dlat = parseFloat(el.dataset.defaultLat), dlon = parseFloat(el.dataset.defaultLon);
    var hasPoint = !isNaN(lat) && !isNaN(lon);
    var center = hasPoint ? [lat, lon] : (!isNaN(dlat) ? [dlat, dlon] : [36.0, 138.0]);
    var map = L.map(el).setView(center, hasPoint || !isNaN(dlat) ? 14 : 5);
    el._sasaeaiMap = map;
    tileLayer(map);
    var bounds = [];
    var marker = null;
    if (hasPoint) {
      marker = L.marker([lat, lon]).addTo(map);
      if (el.dataset.label) marker.bindPopup(el.dataset.label);
      bounds.push([lat, lon]);
    }
    if (el.dataset.geojsonId) {
      var data = JSON.parse(document.getElementById(el.dataset.geojsonId).textContent);
      var outline = L.geoJSON(data, { style: { color: "#2f6f4e", weight: 2, fillOpacity: 0.08 } }).addTo(map);
      map.fitBounds(outline.getBounds());
    }
    if (el.dataset.markersId) {
      var points = JSON.parse(document.getElementById(el.dataset.markersId).textContent);
      points.forEach(function (p) {
        if (p.lat == null || p.lon == null) return;
        var m = p.number ? L.marker([p.lat, p.lon], { icon: numberedIcon(p.number) }) : L.marker([p.lat, p.lon]);
        var label = p.url ? '<a href="' + p.url + '">' + p.label + "</a>" : p.label;
        m.bindPopup(label).addTo(map);
        bounds.push([p.lat, p.lon]);
      });
      if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20] });
      else if (bounds.length === 1) map.setView(bounds[0], 15);
    }
    if (el.dataset.pick) {
      var latInput = document.querySelector("[data-map-lat]"), lonInput = document.querySelector("[data-map-lon]");
      map.on("click", function (e) {
        var la = e.latlng.lat.toFixed(6), lo = e.latlng.lng.toFixed(6);
        if (latInput) latInput.value = la;
        if (lonInput) lonInput.value = lo;
        if (marker) marker.setLatLng(e.latlng); else marker = L.marker(e.latlng).addTo(map);
      });
    }
    return map;
  }

  window.sasaeaiMap = init;
  function initAll(root) { (root || document).querySelectorAll("[data-map]").forEach(init); }
  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  document.addEventListener("htmx:afterSettle", function (e) { initAll(e.target); });
})();
