from cx_audit.cli.app import main

main()
