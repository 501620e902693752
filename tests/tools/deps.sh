#!/bin/sh
# deps.sh PKG... - make sure the Debian packages are installed: as root,
# install the missing ones with apt-get; otherwise print the exact command
# and fail.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends $missing >&2 && exit 0
	echo "apt-get failed; install by hand: apt-get install$missing" >&2
	exit 1
fi
echo "missing Debian packages; run: sudo apt-get install -y$missing" >&2
exit 1
