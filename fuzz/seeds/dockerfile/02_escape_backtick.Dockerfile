# escape=`
# check=skip=JSONArgsRecommended;error=true
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -Uri https://example.invalid/x.msi `
    -OutFile C:\x.msi ; `
    Start-Process msiexec.exe -Wait -ArgumentList '/i C:\x.msi /quiet'
COPY testfile.txt c:\
ENV PATH="C:\tools;${PATH}" `
    FOO=bar
WORKDIR C:\app
USER ContainerAdministrator
