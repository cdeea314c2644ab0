from cx_audit.cli import main

main()
