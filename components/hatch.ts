/** Diagonal stripes, one per colour, tiling seamlessly: contested and mixed places on a canvas. */
export function makeHatch(ctx: CanvasRenderingContext2D, colors: string[], stripe = 6): CanvasPattern | null {
  const size = stripe * colors.length;
  const c = document.createElement("canvas");
  c.width = c.height = size;
  const g = c.getContext("2d");
  if (!g) return null;
  for (let i = -colors.length; i < colors.length * 2; i++) {
    g.fillStyle = colors[((i % colors.length) + colors.length) % colors.length]!;
    g.beginPath();
    g.moveTo(i * stripe, 0);
    g.lineTo(i * stripe + stripe, 0);
    g.lineTo(i * stripe + stripe - size, size);
    g.lineTo(i * stripe - size, size);
    g.closePath();
    g.fill();
  }
  return ctx.createPattern(c, "repeat");
}
