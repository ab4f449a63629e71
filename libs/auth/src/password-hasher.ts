import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (OWASP parameters: 19 MiB, t=2, p=1); ~13–30 ms a hash on this machine (toolchain.md). */
@Injectable()
export class PasswordHasher {
  private static readonly OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
  /** Verified against unknown usernames so a login takes the same time whether or not the user exists. */
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, PasswordHasher.OPTIONS);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.dummy ??= this.hash('timing-equaliser');
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
