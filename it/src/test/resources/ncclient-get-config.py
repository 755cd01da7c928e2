#!/usr/bin/python3
"""Reads a NETCONF device's running configuration with ncclient (Debian's python3-ncclient), a NETCONF client
that is not qslice's, so the tests can compare what a device holds with what the controller meant to write.

usage: ncclient-get-config.py HOST PORT USER PASSWORD SUBTREE-FILTER
prints the reply's <data> element; exits 1 with the error on stderr if the device refuses or cannot be reached.
"""
import sys

from ncclient import manager


def main():
    host, port, user, password, subtree = sys.argv[1:6]
    with manager.connect(host=host, port=int(port), username=user, password=password, hostkey_verify=False,
                         allow_agent=False, look_for_keys=False, timeout=20) as session:
        reply = session.get_config(source="running", filter=("subtree", subtree))
        sys.stdout.write(reply.data_xml)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - any failure is reported to the test
        sys.stderr.write("ncclient: %s: %s\n" % (type(error).__name__, error))
        sys.exit(1)
