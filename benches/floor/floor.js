// Draws a chart-like canvas once the page has laid out, marks it the way Headroom marks its
// first chart, and on every slider input rewrites one figure and moves a marker line.
const canvas = document.querySelector('canvas');
const ctx = canvas.getContext('2d');
const figure = document.getElementById('users');
const slider = document.querySelector('input');

function draw(users) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.font = '12px sans-serif';
  ctx.strokeStyle = '#888';
  ctx.strokeRect(40, 10, 740, 260);
  for (let i = 0; i <= 5; i += 1) ctx.fillText(`$${i * 200}`, 4, 270 - i * 52);
  const x = 40 + (740 * users) / 1000;
  ctx.beginPath();
  ctx.moveTo(x, 10);
  ctx.lineTo(x, 270);
  ctx.stroke();
}

requestAnimationFrame(() => {
  draw(Number(slider.value));
  performance.mark('headroom:first-chart');
});
slider.addEventListener('input', () => {
  figure.textContent = slider.value;
  draw(Number(slider.value));
});
