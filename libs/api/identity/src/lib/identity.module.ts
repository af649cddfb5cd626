import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { TokenService } from './auth/token.service';
import { IDENTITY_ENTITIES } from './entities';
import { MemberDirectory } from './members/member-directory.service';
import { MeController } from './me/me.controller';
import { MeService } from './me/me.service';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { DemoSeeder } from './seed/demo-seeder';

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), JwtModule.register({})],
  controllers: [AuthController, MeController, OrganizationsController],
  providers: [AuthService, TokenService, LoginRateLimiter, MeService, OrganizationsService, DemoSeeder, MemberDirectory],
  exports: [MeService, MemberDirectory, OrganizationsService, DemoSeeder],
})
export class IdentityModule {}
