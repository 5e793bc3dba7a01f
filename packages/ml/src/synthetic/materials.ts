import type { Shape } from './shapes';

/**
 * How a tissue looks: mean echo amplitude (liver = 1), attenuation per unit of fan depth (what darkens
 * everything behind it: gas and bone cast shadows, fluid leaves a bright enhancement) and how strongly
 * the low-frequency texture modulates it.
 */
export type Material = { echo: number; attenuation: number; texture: number };

/** One structure of a scene: a shape filled with a material, painted over what came before. */
export type Part = { shape: Shape; material: Material };

export type Scene = { background: Material; parts: Part[] };

export const MATERIALS = {
  liver: { echo: 1, attenuation: 1.1, texture: 0.3 },
  spleen: { echo: 1.4, attenuation: 1.1, texture: 0.12 },
  kidneyCortex: { echo: 0.55, attenuation: 1, texture: 0.2 },
  pyramid: { echo: 0.12, attenuation: 0.8, texture: 0.1 },
  renalSinus: { echo: 2.6, attenuation: 1.4, texture: 0.5 },
  pancreas: { echo: 2.6, attenuation: 1.2, texture: 0.35 },
  fluid: { echo: 0.03, attenuation: 0.1, texture: 0 },
  wall: { echo: 4, attenuation: 1.5, texture: 0.2 },
  fascia: { echo: 1.8, attenuation: 1.2, texture: 0.4 },
  fat: { echo: 1.8, attenuation: 1.4, texture: 0.6 },
  bowel: { echo: 0.8, attenuation: 1.6, texture: 0.7 },
  softTissue: { echo: 0.5, attenuation: 1.1, texture: 0.7 },
  pelvicOrgan: { echo: 1.1, attenuation: 1.1, texture: 0.25 },
  muscle: { echo: 0.45, attenuation: 1.2, texture: 0.35 },
  lung: { echo: 0.6, attenuation: 4, texture: 1.2 },
  gas: { echo: 5, attenuation: 150, texture: 0.3 },
  calcification: { echo: 5, attenuation: 200, texture: 0 },
  skin: { echo: 2.2, attenuation: 1, texture: 0.3 },
  subcutaneousFat: { echo: 0.6, attenuation: 1, texture: 0.6 },
} satisfies Record<string, Material>;

export function part(shape: Shape, material: Material): Part {
  return { shape, material };
}

/**
 * Pulls a material toward the background in log-amplitude (lower contrast). `contrast` 1 keeps it,
 * 0 makes it the background's echo. Attenuation (shadows, enhancement) is kept.
 */
export function withContrast(material: Material, background: Material, contrast: number): Material {
  const logEcho =
    Math.log(background.echo) + contrast * (Math.log(material.echo) - Math.log(background.echo));
  return { ...material, echo: Math.exp(logEcho) };
}
