import { MobileNetV2Model } from 'nsfwjs/models/mobilenet_v2';
import { BackboneError } from './backbone-error';
import { artifactsFromModelJson, type LoadedArtifacts } from './model-artifacts';

let cached: Promise<LoadedArtifacts> | undefined;

async function readBundled(): Promise<LoadedArtifacts> {
  const modelJson = ((await MobileNetV2Model.modelJson()) as { default: unknown }).default;
  const bundles = await Promise.all(MobileNetV2Model.weightBundles.map((load) => load()));
  const count = bundles.length;
  const base64ByFile = new Map(
    bundles.map((bundle, index) => [
      `group1-shard${index + 1}of${count}`,
      (bundle as { default: string }).default,
    ]),
  );
  return artifactsFromModelJson(
    modelJson as Parameters<typeof artifactsFromModelJson>[0],
    async (fileName) => {
      const base64 = base64ByFile.get(fileName);
      if (typeof base64 !== 'string')
        throw new BackboneError('BACKBONE_LOAD_FAILED', `nsfwjs lacks ${fileName}`);
      return Buffer.from(base64, 'base64');
    },
  );
}

/**
 * The MobileNetV2 (ImageNet-pretrained, upper blocks fine-tuned by the nsfwjs authors) that ships inside the
 * `nsfwjs` package as a JavaScript module: topology plus base64 weights, so loading needs no network.
 */
export function loadMobileNetV2Artifacts(): Promise<LoadedArtifacts> {
  cached ??= readBundled().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
