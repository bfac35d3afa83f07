FROM python:3.12-slim
ONBUILD COPY . /app
ONBUILD RUN pip install -r /app/requirements.txt
ONBUILD ONBUILD RUN echo nested
ONBUILD FROM scratch
ONBUILD MAINTAINER someone
MAINTAINER Jane Doe <jane@example.invalid>
