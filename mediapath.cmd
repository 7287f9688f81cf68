@echo off
rem mediapath for Windows: needs only Java 17+. Runs the console jar built (or downloaded) beside
rem this script; every subcommand (console, diagnose, responder, routes, ...) runs in the same OSGi
rem runtime. "mediapath.cmd" alone starts the console.
setlocal
set "ROOT=%~dp0"
set "JAR=%ROOT%features\console\target\mediapath.jar"
if not exist "%JAR%" set "JAR=%ROOT%mediapath.jar"
if not exist "%JAR%" (
  echo mediapath: mediapath.jar not found; build it with "mvn -DskipTests -pl features/console -am install" or copy it beside this script 1>&2
  exit /b 3
)
where java >nul 2>nul
if errorlevel 1 (
  echo mediapath: Java 17 or newer is required ^(java not found^) 1>&2
  exit /b 3
)
rem Short-lived subcommands start with the client compiler only and the serial collector (about half the
rem CPU of a default JVM start); the console and the responder keep the JVM's defaults.
rem MEDIAPATH_CLI_JAVA_OPTS replaces these flags.
set "CLI_OPTS="
for %%S in (diagnose routes probe history report firewall browser-test help -h --help) do if /i "%~1"=="%%S" set "CLI_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if defined MEDIAPATH_CLI_JAVA_OPTS if defined CLI_OPTS set "CLI_OPTS=%MEDIAPATH_CLI_JAVA_OPTS%"
if not exist "%ROOT%load" mkdir "%ROOT%load"
java %CLI_OPTS% %MEDIAPATH_JAVA_OPTS% "-Djava.util.logging.config.file=%ROOT%features\console\logging.properties" "-Dfelix.fileinstall.dir=%ROOT%load" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
