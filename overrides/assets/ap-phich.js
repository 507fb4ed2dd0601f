// The poster page (ap-phich/?s=<slug>): fills the A4 poster from the entry's API file and draws its QR code.
// Posters are printed rarely, so the browser of the person printing does this work, not every build.
// Everything is fetched from this site with relative URLs; text goes in through textContent only, and the
// page is styled by classes and SVG attributes, as the Content-Security-Policy (style-src 'self') requires.

const body = document.body;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // generator/check.py's rule for entry file names
const SVG = "http://www.w3.org/2000/svg";
const QUIET_ZONE = 4; // modules of white around the code: what scanners need to find it

start();

async function start() {
  const siteRoot = new URL(body.dataset.root, document.baseURI);
  const slug = (new URLSearchParams(location.search).get(body.dataset.param) || "").trim().toLowerCase();
  if (!slug) {
    fail("Chưa chọn sáng kiến", "Địa chỉ trang chưa cho biết cần in áp phích của sáng kiến nào.");
    return;
  }
  const notFound = () => fail("Không tìm thấy sáng kiến",
    `Không có sáng kiến nào mang mã “${slug}”. Có thể địa chỉ bị gõ sai, hoặc sáng kiến đã được đổi tên hay gỡ xuống.`);
  if (!SLUG.test(slug)) {
    notFound();
    return;
  }
  const status = document.querySelector(".poster__status");
  status.hidden = false;
  let data;
  try {
    const response = await fetch(new URL(body.dataset.api.replace(body.dataset.slugField, slug), document.baseURI));
    if (response.status === 404) {
      notFound();
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
  } catch {
    fail("Không tải được sáng kiến", "Không đọc được dữ liệu của sáng kiến. Kiểm tra kết nối mạng rồi tải lại trang.");
    return;
  } finally {
    status.hidden = true;
  }
  if (!data || !data.entry || data.entry.slug !== slug) {
    notFound();
    return;
  }
  show(data, siteRoot);
}

function fail(title, text) {
  const box = document.querySelector(".poster__message--error");
  box.querySelector(".poster__message-title").textContent = title;
  box.querySelector(".poster__message-text").textContent = text;
  box.hidden = false;
  document.title = `${title} – ${body.dataset.siteName}`;
  body.dataset.state = "error";
}

function show(data, siteRoot) {
  const e = data.entry;
  const labels = JSON.parse(body.dataset.labels);
  const poster = document.querySelector(".poster");
  const set = (selector, text) => { poster.querySelector(selector).textContent = text; };
  const pageUrl = /^https?:\/\//.test(e.page_url) ? e.page_url : new URL(e.url, siteRoot).href;

  set(".poster__kicker", [labels.types[e.type] || e.type, labels.areas[String(e.area)] || ""].filter(Boolean).join(" · "));
  set(".poster__title", e.title);
  set(".poster__summary", e.summary);
  set(".poster__unit", labels.units[e.unit] || e.unit);
  set(".poster__year", String(e.year));
  set(".poster__state", labels.statuses[e.effective_status] || e.effective_status);
  set(".poster__url", pageUrl);

  const image = siteImage(e.image_url, data.generated_from && data.generated_from.site_url, siteRoot);
  if (image) {
    const img = document.createElement("img");  // made here: an <img> without src in the page is invalid HTML
    img.className = "poster__image";
    img.alt = e.image_alt || e.title;
    img.src = image;
    poster.querySelector(".poster__title").after(img);
  }

  drawQr(poster.querySelector(".poster__qr-code"), pageUrl);

  const back = document.querySelector(".poster__back");
  back.href = new URL(e.url, siteRoot).href;
  document.querySelector(".poster__tools").hidden = false;
  poster.hidden = false;
  document.title = `Áp phích: ${e.title} – ${body.dataset.siteName}`;
  body.dataset.state = "ready";
}

// The API gives the image's public address; the poster loads the same file from the site it is on, so a
// preview or a copy of the site never fetches from elsewhere.
function siteImage(imageUrl, publicRoot, siteRoot) {
  if (!imageUrl) return null;
  let path = null;
  if (publicRoot && imageUrl.startsWith(publicRoot)) path = imageUrl.slice(publicRoot.length);
  else if (/^\/(?!\/)/.test(imageUrl)) path = imageUrl.slice(1); // built without site_url
  if (path === null) return null;
  const url = new URL(path.replace(/^\/+/, ""), siteRoot);
  return url.origin === siteRoot.origin ? url.href : null;
}

// Error level Q survives a crease, a stain or a pin through the paper. The encoder picks the best of the
// eight masks; one code costs the browser a few milliseconds.
function drawQr(svg, text) {
  qrcode.stringToBytes = qrcode.stringToBytesFuncs["UTF-8"];
  const qr = qrcode(0, "Q");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 2 * QUIET_ZONE;
  let d = "";
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (qr.isDark(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("shape-rendering", "crispEdges");
  const light = document.createElementNS(SVG, "rect");
  light.setAttribute("width", size);
  light.setAttribute("height", size);
  light.setAttribute("fill", "#fff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", d);
  dark.setAttribute("fill", "#000");
  svg.append(light, dark);
}
