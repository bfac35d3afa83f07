FROM scratch
RUN <<EOF
unterminated heredoc
	still
RUN also swallowed
