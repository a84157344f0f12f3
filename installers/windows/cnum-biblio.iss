; CNum Biblio : installateur Windows, en français. Inno Setup 6.3 ou plus récent (6.2 refuse
; ArchitecturesAllowed=x64compatible) ; vérifié avec ISCC 6.4.1 (make installer-check-windows).
;
; Installation pour l'utilisateur courant seulement, sans droits d'administrateur, dans
; %LOCALAPPDATA%\Programs\CNum Biblio. Les données (base, sauvegardes, journaux) sont ailleurs,
; dans %LOCALAPPDATA%\CNum Biblio : ni l'installation ni la désinstallation n'y touchent.
;
; Construire (depuis la racine du dépôt, après PyInstaller, voir README « Construire les
; installateurs ») :
;   ISCC /DAppVersion=0.1.0 /DAppVersionNumeric=0.1.0.0 installers\windows\cnum-biblio.iss
; Résultat : dist\cnum-biblio-<version>-installation-windows.exe

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 ou plus récent est nécessaire (ArchitecturesAllowed=x64compatible)
#endif
#ifndef AppVersion
  #error Indiquer la version : ISCC /DAppVersion=x.y.z (python installers\freeze_plan.py version)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef FrozenDir
  #define FrozenDir "..\..\dist\cnum-biblio"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "CNum Biblio"
#define AppExe "cnum-biblio.exe"
#define AppPublisher "Équipe CNum Biblio"
; The data folder of the application (platformdirs: user_data_dir("CNum Biblio")).
#define DataDir "{localappdata}\CNum Biblio"

[Setup]
AppId={{94EC57BE-E49B-4507-B9EA-4A8E240EB09D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments=Le dispositif Conseiller numérique pour les petites bibliothèques et mairies rurales
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Installation de {#AppName} {#AppVersion}
VersionInfoCompany={#AppPublisher}
; Per-user installation: no administrator rights, no UAC prompt.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir={#OutputDir}
OutputBaseFilename=cnum-biblio-{#AppVersion}-installation-windows
SetupIconFile=..\..\resources\icons\cnum-biblio.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ShowLanguageDialog=no
; Closes a running CNum Biblio before replacing its files (it saves and backs up on closing).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the program files entirely, so no library of the previous version lingers.
; Only the program folder: the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#FrozenDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Demande, profils, ateliers et kit d'inclusion du conseiller numérique"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program may have left in its own folder. Never the data folder (base, sauvegardes).
Type: filesandordirs; Name: "{app}\_internal"
Type: dirifempty; Name: "{app}"

[Messages]
; The one message at the end of an uninstallation (Inno Setup's own, no second box after it):
; the data folder is never removed.
UninstalledAll=%1 a été désinstallé.%n%nVos données et vos sauvegardes n'ont pas été supprimées : elles restent dans le dossier AppData\Local\CNum Biblio de votre compte. Réinstallez CNum Biblio pour les retrouver ; supprimez ce dossier vous-même seulement si vous n'en avez plus besoin.
FinishedLabel=CNum Biblio est installé pour votre compte. Vos données seront enregistrées à part du programme, dans AppData\Local\CNum Biblio : une mise à jour ou une désinstallation ne les efface pas.

[Code]
function DataFolder(): String;
begin
  Result := ExpandConstant('{#DataDir}');
end;

function IsDataFolder(Dir: String): Boolean;
begin
  Result := CompareText(RemoveBackslashUnlessRoot(Dir), RemoveBackslashUnlessRoot(DataFolder())) = 0;
end;

{ Refuse to install the program into the data folder: updates replace the program folder.
  SuppressibleMsgBox: with /SUPPRESSMSGBOXES no box waits for a click nobody can give. }
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and IsDataFolder(WizardDirValue()) then
  begin
    SuppressibleMsgBox('Ce dossier est celui de vos données (base et sauvegardes). ' +
      'Choisissez un autre dossier pour le programme.', mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

{ A silent installation skips the pages (and NextButtonClick): /DIR pointing at the data folder
  is refused here, before any file is written; Setup then ends with an error code. }
function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if IsDataFolder(WizardDirValue()) then
    Result := 'Ce dossier est celui de vos données (base et sauvegardes) : ' +
      'le programme ne peut pas y être installé. Choisissez un autre dossier.';
end;
