FROM alpine:3 AS ünïcödé
LABEL description="日本語 🐳 \u00e9" emoji=🐳
RUN echo "ß" \
	ẞ	\
	'✓' && printf '%s\n' "${ÄÖ:-ø}"
WORKDIR /träume
ENV Ω=ω
COPY ["fïle with spaces", "/tmp/💾"]
