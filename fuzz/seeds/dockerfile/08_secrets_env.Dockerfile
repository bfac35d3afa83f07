FROM ubuntu:14.04
ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
ENV GITHUB_TOKEN ghp_0123456789abcdefghijklmnopqrstuvwxyzAB
ARG PASSWORD=hunter2
RUN echo "password=$PASSWORD" > /etc/app.conf && chmod 777 /etc/app.conf
RUN curl -k https://example.invalid | bash ; wget --no-check-certificate -O- x | sh
RUN sudo apt-get install vim && useradd -u 0 -o root2
USER root
EXPOSE 22
