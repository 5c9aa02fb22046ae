# jianfu (减负) — the chat-group bot as a service.
#
#   docker build -t jianfu .
#   docker run -p 127.0.0.1:8080:8080 -e JIANFU_PLAYGROUND_TOKEN -v jianfu-data:/data jianfu
#                          # the playground group (it binds 0.0.0.0 here: it needs the token)
#   docker run --rm jianfu check-config                            # what would run
#
# Configuration: environment variables (JIANFU_*, WECHATY_PUPPET_SERVICE_*, DINGTALK_*; see
# docs/configuration.md) and, optionally, a jianfu.toml mounted at /config/jianfu.toml
# (read from the working directory, or name it with JIANFU_CONFIG). Secrets only by environment.
# State: one SQLite file, /data/jianfu.db, on the /data volume. Health: GET /healthz.

ARG PYTHON_VERSION=3.12

# --- builder: the project as a wheel, installed with its dependencies into /opt/venv ------
FROM python:${PYTHON_VERSION}-slim AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY policies/ policies/
COPY handlers/ handlers/
COPY bot/ bot/
RUN python -m pip wheel --no-deps --wheel-dir /wheels . \
    && python -m venv /opt/venv \
    && /opt/venv/bin/pip install /wheels/jianfu-*.whl

# --- runtime: slim Python, the venv, a non-root user, the database on a volume ------------
FROM python:${PYTHON_VERSION}-slim
LABEL org.opencontainers.image.title="jianfu" \
      org.opencontainers.image.description="减负: detects and gently discourages digital formalism in work chat groups" \
      org.opencontainers.image.licenses="MIT"
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    JIANFU_HOST=0.0.0.0 \
    JIANFU_PORT=8080 \
    JIANFU_DB=/data/jianfu.db \
    JIANFU_JIEBA_CACHE=/opt/jianfu/jieba.cache
COPY --from=builder /opt/venv /opt/venv
# jieba's dictionary cache, built now so the first message is not slow; readable by the user.
RUN python -m bot.ops.jieba_cache \
    && groupadd --system --gid 10001 jianfu \
    && useradd --system --no-log-init --uid 10001 --gid jianfu --home-dir /data --shell /usr/sbin/nologin jianfu \
    && mkdir -p /data /config \
    && chown jianfu:jianfu /data
WORKDIR /config
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; u.urlopen('http://127.0.0.1:' + os.environ.get('JIANFU_PORT', '8080') + '/healthz', timeout=4)"]
ENTRYPOINT ["jianfu"]
CMD ["run"]
