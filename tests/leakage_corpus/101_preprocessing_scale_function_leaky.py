# expect: TFL101
from sklearn import preprocessing
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LinearRegression
import pandas as pd
df = pd.read_csv('Boston.csv')
X = preprocessing.scale(df.drop('medv', axis=1))
y = df['medv']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.33, random_state=5)
lm = LinearRegression()
lm.fit(X_train, y_train)
print(lm.score(X_test, y_test))
