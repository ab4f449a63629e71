import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user)
      throw new DomainError('VALIDATION_FAILED', 'username and password are required', {
        errors: [
          { field: 'username', code: 'isNotEmpty', message: '请输入用户名 (username is required)' },
          { field: 'password', code: 'isNotEmpty', message: '请输入密码 (password is required)' },
        ],
      });
    return user;
  }
}
