// Source: the Docker/OCI distribution reference grammar, and ContainerDefinition.image limits in the ECS API Reference.
import { limits } from './limits';

export interface ImageReference {
  /** Registry host (with port), when the first path part names one. */
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export interface ImageProblem {
  message: string;
  /** Offset and length of the offending part inside the reference string. */
  offset: number;
  length: number;
}

const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const hostPattern =
  /^(?:localhost|(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;
const otherDigestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
/** <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn] */
const ecrHost = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z][a-z0-9-]*\.amazonaws\.com(?:\.cn)?$/;

export function isEcrLikeHost(host: string): boolean {
  return /\.dkr\.ecr[.-]/.test(host) || /^\d+\.dkr\./.test(host);
}

export function isEcrHost(host: string): boolean {
  return ecrHost.test(host);
}

export function isEcrImage(ref: ImageReference): boolean {
  return !!ref.registry && isEcrHost(ref.registry);
}

type ParsedImage = Readonly<{ ref?: ImageReference; problem?: ImageProblem }>;

/** The last references read: four rules read each container's image. */
const parsedImages = new Map<string, ParsedImage>();
const maxParsedImages = 256;

/** Splits and checks an image reference; returns the parts or the first problem found (shared: not to be changed). */
export function parseImageReference(value: string): ParsedImage {
  let parsed = parsedImages.get(value);
  if (parsed === undefined) {
    if (parsedImages.size >= maxParsedImages) parsedImages.clear();
    parsedImages.set(value, (parsed = readImageReference(value)));
  }
  return parsed;
}

function readImageReference(value: string): { ref?: ImageReference; problem?: ImageProblem } {
  const whole = (message: string): { problem: ImageProblem } => ({
    problem: { message, offset: 0, length: value.length },
  });
  if (value.length === 0) return whole('The image is empty.');
  if (value.length > limits.imageReferenceLength)
    return whole(
      `The image reference is ${value.length} characters; at most ${limits.imageReferenceLength} are allowed.`,
    );
  const ws = /\s/.exec(value);
  if (ws) return { problem: { message: 'An image reference contains no whitespace.', offset: ws.index, length: 1 } };

  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest) && !otherDigestPattern.test(digest)) {
      return {
        problem: {
          message: 'A digest is "sha256:" followed by 64 lowercase hexadecimal digits.',
          offset: at + 1,
          length: digest.length,
        },
      };
    }
  }
  const firstSlash = rest.indexOf('/');
  let registry: string | undefined;
  let pathStart = 0;
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[')) {
      registry = first;
      pathStart = firstSlash + 1;
      if (!hostPattern.test(first))
        return {
          problem: {
            message: `"${first}" is not a valid registry host (a host name with an optional :port).`,
            offset: 0,
            length: first.length,
          },
        };
      if (isEcrLikeHost(first) && !isEcrHost(first)) {
        return {
          problem: {
            message: `An Amazon ECR registry is <12-digit account>.dkr.ecr.<region>.amazonaws.com; "${first}" does not match.`,
            offset: 0,
            length: first.length,
          },
        };
      }
    }
  }
  let path = rest.slice(pathStart);
  let tag: string | undefined;
  const lastColon = path.lastIndexOf(':');
  if (lastColon >= 0) {
    tag = path.slice(lastColon + 1);
    path = path.slice(0, lastColon);
    if (!tagPattern.test(tag)) {
      return {
        problem: {
          message: 'A tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".',
          offset: pathStart + lastColon + 1,
          length: tag.length,
        },
      };
    }
  }
  if (path.length === 0)
    return { problem: { message: 'The image reference names no repository.', offset: pathStart, length: 0 } };
  let offset = pathStart;
  for (const part of path.split('/')) {
    if (!component.test(part)) {
      const upper = /[A-Z]/.test(part);
      return {
        problem: {
          message: upper
            ? `Repository names are lowercase; "${part}" has uppercase letters.`
            : `"${part}" is not a valid repository name part (lowercase letters and digits, separated by ".", "_", "__" or "-").`,
          offset,
          length: part.length,
        },
      };
    }
    offset += part.length + 1;
  }
  return { ref: { registry, repository: path, tag, digest } };
}
