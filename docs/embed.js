// Resizes every Headroom iframe on the page to the height its content reports.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'headroom:height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
    }
  }
});
