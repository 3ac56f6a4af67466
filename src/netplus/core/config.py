"""Configuration from the environment, with the names the database documentation uses."""

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return platformdirs.user_data_path("netplus")


class Settings(BaseSettings):
    """Every setting comes from an environment variable of the same name (upper case)."""

    model_config = SettingsConfigDict(extra="ignore")

    # DATABASE_URL (postgresql://username:password@host:port/database) overrides the DB_* parts.
    database_url: str | None = None
    db_host: str | None = None
    db_port: int = Field(default=5432, ge=1, le=65535)
    db_name: str = "network_plus_learning"
    db_user: str = "postgres"
    db_password: SecretStr | None = None

    # Where the embedded server keeps its data when no server is configured, and other local state.
    netplus_data_dir: Path = Field(default_factory=default_data_dir)
    backup_dir: Path | None = None
    backup_retention_days: int = Field(default=7, ge=1)

    # Passwords that `netplus db roles` gives the database roles; never stored in the repository.
    db_app_user_password: SecretStr | None = None
    db_readonly_password: SecretStr | None = None
    db_admin_password: SecretStr | None = None

    bcrypt_rounds: int = Field(default=12, ge=10, le=16)

    # The exam packs (content/<exam>/); by default the content/ folder of this source checkout.
    content_dir: Path | None = None

    # The service's connection pool (the seed's recommendation: 10 to 50 connections, 300 s idle).
    db_pool_min: int = Field(default=10, ge=1)
    db_pool_max: int = Field(default=50, ge=1)
    db_pool_idle_seconds: float = Field(default=300, gt=0)

    # Sessions: a session unused for `idle` ends, and none lives longer than `absolute`.
    session_idle_minutes: int = Field(default=7 * 24 * 60, ge=5)
    session_absolute_days: int = Field(default=30, ge=1)
    email_token_hours: int = Field(default=24, ge=1)
    reset_token_minutes: int = Field(default=60, ge=5)

    # Rate limits use Redis when REDIS_URL is set, this process's memory otherwise.
    redis_url: str | None = None
    # Where links in mail point, and whether cookies are Secure.
    public_base_url: str = "http://127.0.0.1:8000"
    smtp_host: str | None = None
    # `netplus serve --demo` shows the mail outbox at /outbox, so sign-up and reset links can be followed
    demo_outbox: bool = False
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str = "NetPlus <no-reply@netplus.invalid>"
    metrics_flush_seconds: float = Field(default=10, gt=0)

    @property
    def server_configured(self) -> bool:
        """A server is configured when DATABASE_URL or DB_HOST says where it is."""
        return bool(self.database_url or self.db_host)

    @property
    def resolved_content_dir(self) -> Path:
        return self.content_dir or Path(__file__).resolve().parents[3] / "content"

    @property
    def resolved_backup_dir(self) -> Path:
        return self.backup_dir or self.netplus_data_dir / "backups"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
