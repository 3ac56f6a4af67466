"""What the accounts API reads and writes."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from netplus.accounts.service import User

Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Username = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9_.-]{3,32}$")]
# Length is checked by the password rules, which say why; this only bounds the request.
Password = Annotated[str, Field(min_length=1, max_length=1024)]
Token = Annotated[str, Field(min_length=16, max_length=200)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegisterIn(Input):
    email: Email
    username: Username
    password: Password


class LoginIn(Input):
    identifier: Annotated[str, Field(min_length=1, max_length=254, description="Email address or username")]
    password: Password


class TokenIn(Input):
    token: Token


class ResetRequestIn(Input):
    email: Email


class ResetIn(Input):
    token: Token
    new_password: Password


class PasswordChangeIn(Input):
    current_password: Password
    new_password: Password
    end_other_sessions: bool = True


class Accepted(BaseModel):
    message: str




class SessionOut(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`; also set as an HttpOnly cookie")
    expires_at: datetime
    user: User


class PasswordChanged(BaseModel):
    other_sessions_ended: int
